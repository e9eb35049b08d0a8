// Runs first thing in <body>: tells the stylesheets that JavaScript (and, for GOV.UK
// Frontend's components, ES modules) are available.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '')
