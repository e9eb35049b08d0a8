// "Use my location": fills the Where? box with the browser's position and searches.
// Only shown when the browser can tell us where it is; without JavaScript the box still works.
const button = document.querySelector('[data-module="app-use-location"]')
const where = document.getElementById('where')

if (button && where && 'geolocation' in navigator) {
  button.hidden = false
  button.addEventListener('click', () => {
    button.disabled = true
    button.textContent = 'Finding your location…'
    navigator.geolocation.getCurrentPosition(
      (position) => {
        where.value = `${position.coords.latitude.toFixed(4)},${position.coords.longitude.toFixed(4)}`
        where.form.requestSubmit()
      },
      () => {
        button.disabled = false
        button.textContent = 'Use my location'
        where.insertAdjacentHTML(
          'beforebegin',
          '<p class="govuk-error-message" role="alert">We could not get your location. Type a postcode or town instead.</p>'
        )
        where.focus()
      },
      { timeout: 10000, maximumAge: 300000 }
    )
  })
}
