// The search a person last looked at on the search page (this tab only), so that a
// post's page leads back to that list instead of an empty search.

const KEY = 'noaber.lastSearch';

/** Only an address of the search page itself is followed back. */
const isSearchPage = (href) => /^\/(\?[^#]*)?$/.test(href);

/** Remembers the search page's address (path and query), e.g. "/?q=hond". */
export function rememberSearch(href) {
  try {
    sessionStorage.setItem(KEY, href);
  } catch {
    // Storage may be off (private mode): the link then goes to a new search.
  }
}

function lastSearch() {
  try {
    const href = sessionStorage.getItem(KEY);
    return href && isSearchPage(href) ? href : null;
  } catch {
    return null;
  }
}

/**
 * Points `link` ("Terug naar zoeken") at the last search. When the person came
 * straight from that list, it goes back in the history instead: the list then comes
 * back as it was, with every page loaded and focus on the post that was opened.
 */
export function linkBackToSearch(link) {
  const href = lastSearch();
  if (!link || !href) return;
  link.href = href;
  // This history entry came straight from the search: mark it, since a link within
  // the page (the skip link, say) adds an entry that "back" would only return from.
  if (cameFrom() === href) history.replaceState({ ...history.state, backTo: href }, '');
  link.addEventListener('click', (event) => {
    if (history.state?.backTo === href) {
      event.preventDefault();
      history.back();
    }
  });
}

/** The page before this one (path and query) when it was on this site. */
function cameFrom() {
  try {
    const referrer = new URL(document.referrer);
    return referrer.origin === location.origin ? referrer.pathname + referrer.search : null;
  } catch {
    return null;
  }
}
