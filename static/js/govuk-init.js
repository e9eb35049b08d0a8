// Starts GOV.UK Frontend's components (details, error summaries, skip link, ...).
import { initAll } from '../vendor/govuk-frontend/govuk-frontend.min.js'
initAll()
