// Forms that must not lose what was typed on a weak connection (a connector at an event).
// On submit the entry is kept on this device (localStorage) with a token of its own, then sent;
// if the connection fails it stays queued and is sent again when the browser is back online,
// every 15 seconds, and when the page is opened again. The server saves a token once, so a
// retry never makes a copy. Without JavaScript the form is an ordinary form.
(function () {
  'use strict'
  const KEY = 'portal-offline-queue'

  function load () {
    try { return JSON.parse(window.localStorage.getItem(KEY) || '[]') } catch (e) { return [] }
  }
  function store (queue) { window.localStorage.setItem(KEY, JSON.stringify(queue)) }
  function token () {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID()
    return String(Date.now()) + '-' + Math.random().toString(16).slice(2)
  }
  function formFor (item) {
    return document.querySelector('form[data-offline-form][action="' + item.action + '"]')
  }
  function say (form, text) {
    const status = form && form.querySelector('[data-offline-status]')
    if (status) status.textContent = text
  }
  function pending (action) {
    return load().filter(function (item) { return item.action === action }).length
  }
  function showSaved (form, name) {
    const list = document.querySelector('[data-offline-saved="' + form.dataset.offlineLabel + '"]')
    if (!list) return
    const item = document.createElement('li')
    item.className = 'app-saved-list__item'
    const strong = document.createElement('strong')
    strong.textContent = name
    item.append(strong, ' · saved just now')
    list.prepend(item)
    const count = document.querySelector('[data-offline-count="' + form.dataset.offlineLabel + '"]')
    if (count) count.textContent = '(' + list.children.length + ')'
  }
  function showProblems (form, item, body) {
    const question = form.querySelector('[data-offline-question]')
    if (body.question && question) {
      say(form, '') // the question says what happened: "Saving…" is over
      question.hidden = false
      question.querySelector('[data-offline-question-text]').textContent = body.question + '. Press save again to keep it.'
      restore(form, item, { confirm_far: '1' })
      return
    }
    const messages = Object.values(body.problems || {})
    say(form, 'Not saved: ' + messages.join('. ') + '.')
    restore(form, item, {})
  }
  // Put what was typed back in the form, so nothing is lost when the server says no.
  function restore (form, item, extra) {
    Object.entries(Object.assign({}, item.fields, extra)).forEach(function ([name, value]) {
      const fields = form.querySelectorAll('[name="' + name + '"]')
      fields.forEach(function (field) {
        if (field.type === 'radio' || field.type === 'checkbox') {
          field.checked = [].concat(value).indexOf(field.value) !== -1
        } else if (field.name !== 'csrf_token') {
          field.value = Array.isArray(value) ? value[0] : value
        }
      })
      if (!fields.length && name === 'confirm_far') {
        const hidden = document.createElement('input')
        hidden.type = 'hidden'; hidden.name = name; hidden.value = value
        form.append(hidden)
      }
    })
  }
  function fieldsOf (form) {
    const fields = {}
    new window.FormData(form).forEach(function (value, name) {
      if (name in fields) fields[name] = [].concat(fields[name], value)
      else fields[name] = value
    })
    return fields
  }
  function body (item) {
    const data = new window.FormData()
    Object.entries(item.fields).forEach(function ([name, value]) {
      [].concat(value).forEach(function (each) { data.append(name, each) })
    })
    return data
  }
  function remove (item) {
    store(load().filter(function (each) { return each.fields.client_token !== item.fields.client_token }))
  }

  // A form still saying "Saving…" with nothing of its own left to send: that save is over
  // (sent from another tab, or answered while another form's entry was in the way).
  function settle () {
    document.querySelectorAll('form[data-offline-form]').forEach(function (form) {
      const status = form.querySelector('[data-offline-status]')
      if (status && status.textContent === 'Saving…' && !pending(form.getAttribute('action'))) {
        status.textContent = ''
      }
    })
  }

  let sending = false
  function flush () {
    if (sending) return
    const queue = load()
    if (!queue.length) return
    sending = true
    const item = queue[0]
    window.fetch(item.action, {
      method: 'POST', body: body(item), credentials: 'same-origin', headers: { Accept: 'application/json' }
    }).then(function (response) {
      return response.json().then(function (json) { return { status: response.status, json: json } })
    }).then(function (answer) {
      const form = formFor(item)
      if (answer.status === 200 || answer.status === 201) {
        remove(item)
        if (form) {
          showSaved(form, answer.json.name)
          say(form, 'Saved “' + answer.json.name + '”.' + (answer.json.note ? ' ' + answer.json.note : '') +
            (pending(item.action) ? ' ' + pending(item.action) + ' more waiting to be sent.' : ''))
        }
      } else if (answer.status >= 400 && answer.status < 500) {
        remove(item) // the server answered: it is the entry, not the connection
        if (form) showProblems(form, item, answer.json)
      } else {
        throw new Error('server ' + answer.status)
      }
      sending = false
      settle()
      flush()
    }).catch(function () {
      sending = false
      // Every form with entries waiting says so, not only the one whose entry was first in the
      // queue (which may be from another page): no form is left saying "Saving…".
      document.querySelectorAll('form[data-offline-form]').forEach(function (form) {
        const waiting = pending(form.getAttribute('action'))
        if (!waiting) return
        say(form, 'No connection: ' + waiting + ' waiting on this device. We will send ' +
          (waiting > 1 ? 'them' : 'it') + ' when the connection is back.')
      })
    })
  }

  document.querySelectorAll('form[data-offline-form]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault()
      const fields = fieldsOf(form)
      fields.client_token = token()
      const queue = load()
      queue.push({ action: form.getAttribute('action'), fields: fields, at: Date.now() })
      store(queue)
      const question = form.querySelector('[data-offline-question]')
      if (question) question.hidden = true
      form.querySelectorAll('input[name="confirm_far"]').forEach(function (field) { field.remove() })
      form.reset()
      // Hidden inputs keep what a script put in them through a reset: empty them too.
      form.querySelectorAll('input[type="hidden"]:not([name="csrf_token"])').forEach(function (field) {
        field.value = ''
      })
      form.querySelectorAll('[data-listing-results]').forEach(function (list) { list.replaceChildren() })
      say(form, 'Saving…')
      flush()
    })
    if (pending(form.getAttribute('action'))) say(form, pending(form.getAttribute('action')) + ' waiting to be sent…')
  })
  // Type-ahead for "is it in the directory already?": pick a listing to link the asset to.
  document.querySelectorAll('[data-listing-search]').forEach(function (input) {
    const group = input.closest('.govuk-form-group')
    const hidden = group.querySelector('[data-listing-id]')
    const results = group.querySelector('[data-listing-results]')
    let timer = null
    input.addEventListener('input', function () {
      hidden.value = ''
      window.clearTimeout(timer)
      const words = input.value.trim()
      if (words.length < 3) { results.replaceChildren(); return }
      timer = window.setTimeout(function () {
        window.fetch(input.dataset.listingSearch + '?q=' + encodeURIComponent(words), {
          credentials: 'same-origin', headers: { Accept: 'application/json' }
        }).then(function (response) { return response.json() }).then(function (found) {
          results.replaceChildren()
          found.forEach(function (listing) {
            const item = document.createElement('li')
            const button = document.createElement('button')
            button.type = 'button'
            button.className = 'govuk-button govuk-button--secondary govuk-!-margin-bottom-1 app-small-button'
            button.textContent = listing.name + ' (' + listing.organisation + ')'
            button.addEventListener('click', function () {
              hidden.value = listing.id
              input.value = listing.name
              results.replaceChildren()
              input.focus()
            })
            item.append(button)
            results.append(item)
          })
        }).catch(function () { results.replaceChildren() })
      }, 250)
    })
  })

  window.addEventListener('online', flush)
  window.setInterval(flush, 15000)
  flush()
})()
