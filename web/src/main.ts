// Runs first on every page: the start page and 404 page load it directly, and each other
// page's own script (src/pages/*.ts) imports it before anything else. Loaded as an external
// module script, so it works under a Content-Security-Policy with no 'unsafe-inline'.
//
// GOV.UK Frontend's page template sets these body classes from an inline <script>. We
// cannot use inline script, so this module does it instead. Browsers that do not support
// ES modules never run this file, which is exactly the test the template's inline script
// makes before adding 'govuk-frontend-supported'.
import 'govuk-frontend/dist/govuk/govuk-frontend.min.css';
import './selfdirect.css';
import { initAll } from 'govuk-frontend';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');

initAll({
  onError(error) {
    // A component that fails to start must not stop the rest of the page working.
    console.warn('GOV.UK Frontend component did not start:', error);
  },
});
