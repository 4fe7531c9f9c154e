// The Servicepunt's words on a post it sent back or did not publish, for the post's
// author (Mijn overzicht and the post's own page).

import { el } from './dom.js';

/** The reason line, or null when there is none to show. */
export function reviewReasonLine(post) {
  if (!post.review_reason) return null;
  const before = post.status === 'rejected' ? 'Wat het Servicepunt vraagt: '
    : post.close_reason === 'refused' ? 'De reden: ' : null;
  return before && el('p', { class: 'reason' }, before, el('q', {}, post.review_reason));
}
