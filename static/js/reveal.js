// "How often?": once a frequency is chosen, show only the fields it needs (the day, the week
// of the month, the date), as GOV.UK conditional reveals do. Without JavaScript every field
// shows and the server reads only the ones that apply.
for (const block of document.querySelectorAll('[data-module="app-reveal"]')) {
  const radios = block.querySelectorAll(`input[type="radio"][name="${block.dataset.revealBy}"]`)
  const fields = block.querySelectorAll('[data-shown-for]')

  const update = () => {
    const chosen = [...radios].find((radio) => radio.checked)
    for (const field of fields) {
      field.hidden = !chosen || !field.dataset.shownFor.split(' ').includes(chosen.value)
    }
  }

  for (const radio of radios) radio.addEventListener('change', update)
  update()
}
