// Search results on small screens: the filters fold behind a "Filter results" button above the
// results (the pattern GOV.UK and MOJ services use), so the count and the first result come
// first. Without JavaScript the same place holds a link to the filters, which follow the
// results. On wider screens the filters stay in their side column, always open.
const holder = document.querySelector('[data-module="app-filter-toggle"]')
const panel = document.getElementById('filters')

if (holder && panel) {
  const home = document.createComment('filters') // where the panel sits on wide screens
  panel.before(home)
  const wide = window.matchMedia('(min-width: 40.0625em)') // GOV.UK's tablet breakpoint
  const button = document.createElement('button')
  button.type = 'button' // inside the search form: never submits it
  button.className = 'govuk-button govuk-button--secondary app-filter-toggle__button'
  button.setAttribute('aria-controls', 'filters')
  button.setAttribute('aria-expanded', holder.dataset.open === 'true' ? 'true' : 'false')
  button.textContent = holder.textContent.trim()
  holder.replaceChildren(button)

  const layout = () => {
    const open = button.getAttribute('aria-expanded') === 'true'
    if (wide.matches) {
      home.after(panel)
      panel.hidden = false
    } else {
      holder.after(panel)
      panel.hidden = !open
    }
  }
  button.addEventListener('click', () => {
    const open = button.getAttribute('aria-expanded') !== 'true'
    button.setAttribute('aria-expanded', String(open))
    layout()
  })
  wide.addEventListener('change', layout)
  layout()
}
