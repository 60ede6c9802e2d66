// GOV.UK Frontend's components (error summary focus, details, tabs...), then Threadline's own enhancements.
import { initAll } from './govuk-frontend.min.js';
initAll();
