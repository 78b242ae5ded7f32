// On a person's record (/person?id=…): points the "Raise a safeguarding concern" link at the
// raise page for this person. Kept apart from the record's own script so that the link works
// whatever that page draws.
import { raisePagePath } from '../safeguarding-view';

const id = new URLSearchParams(window.location.search).get('id') ?? '';
for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-concern-link]')) {
  if (id) link.href = raisePagePath(id);
}
