// What every page shares: the header shows who is logged in, with "Mijn overzicht"
// and "Uitloggen", or "Inloggen" and "Aanmelden"; the current page is marked.

import { KINDS } from './kinds.js';
import { currentAccount, firstName, logOut } from './session.js';

function markCurrent() {
  const path = location.pathname;
  for (const link of document.querySelectorAll('#nav-list a')) {
    link.removeAttribute('aria-current');
    const href = link.getAttribute('href');
    const current = href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
    if (current) link.setAttribute('aria-current', 'page');
  }
}

// At once, and again when the header is refreshed for the account (refreshHeader).
markCurrent();

/** A post's own page: logging in or registering from its header comes back to it. */
const POST_PAGE = /^\/(hulpvragen|aanbod|vacatures)\/[^/]+$/;

/** The Servicepunt's phone number as a new link, as the header shows it (null without one). */
export function servicepuntPhoneLink() {
  const tel = document.querySelector('a[href^="tel:"]');
  if (!tel) return null;
  const link = document.createElement('a');
  link.href = tel.getAttribute('href');
  link.textContent = tel.textContent;
  return link;
}

/** What "post something" means for each role: residents ask, volunteers offer. */
const POST_KIND = { volunteer: 'offer', organisation: 'vacancy' };

/** Shows the logged-in person (or Inloggen/Aanmelden) in the header. */
export async function refreshHeader() {
  const account = await currentAccount();
  for (const item of document.querySelectorAll('[data-session]')) {
    item.hidden = (item.dataset.session === 'account') !== Boolean(account);
  }
  // The werkbak is the Servicepunt's; its link shows for coordinators only.
  for (const item of document.querySelectorAll('[data-role]')) {
    item.hidden = account?.role !== item.dataset.role;
  }
  const name = document.getElementById('nav-name');
  if (name && account) name.textContent = firstName(account);
  const ask = document.querySelector('[data-nav="ask"]');
  const post = KINDS[POST_KIND[account?.role]];
  if (ask && post) [ask.href, ask.textContent] = [post.form, post.title];
  if (!account && POST_PAGE.test(location.pathname)) {
    const back = encodeURIComponent(location.pathname);
    for (const [nav, page] of [['login', '/inloggen'], ['register', '/aanmelden']]) {
      const link = document.querySelector(`[data-nav="${nav}"]`);
      if (link) link.href = `${page}?terug=${back}`;
    }
  }
  markCurrent();
}

document.getElementById('nav-logout')?.addEventListener('click', async (event) => {
  const button = event.currentTarget;
  button.disabled = true;
  try {
    await logOut();
  } finally {
    location.assign('/?uitgelogd=1');
  }
});

refreshHeader();
