// The three kinds of post (request, offer, vacancy): what each is called, where it
// lives in the API and on the site, and who may post it. The one place for these;
// every page asks here instead of keeping its own map.

/**
 * Per kind:
 * - `api`: the API's path segment (/api/v1/requests/…);
 * - `page`: the address segment of a post's own page (/hulpvragen/{id}), as in the mails;
 * - `form`: the page to post one; `title`: that page's heading and menu item;
 * - `role`: who posts it (coordinators post every kind);
 * - `label`: the word on its badge; `noun`: the word inside a sentence, `thisNoun` with "this";
 * - `newLink`: a link to post one, as an invitation.
 */
export const KINDS = {
  request: {
    api: 'requests', page: 'hulpvragen', form: '/plaatsen/hulpvraag', title: 'Hulp vragen', role: 'resident',
    label: 'Hulpvraag', noun: 'hulpvraag', thisNoun: 'deze hulpvraag', newLink: 'Vraag hulp',
  },
  offer: {
    api: 'offers', page: 'aanbod', form: '/plaatsen/aanbod', title: 'Hulp aanbieden', role: 'volunteer',
    label: 'Hulpaanbod', noun: 'hulpaanbod', thisNoun: 'dit hulpaanbod', newLink: 'Bied hulp aan',
  },
  vacancy: {
    api: 'vacancies', page: 'vacatures', form: '/plaatsen/vacature', title: 'Vacature plaatsen', role: 'organisation',
    label: 'Vacature', noun: 'vacature', thisNoun: 'deze vacature', newLink: 'Plaats een vacature',
  },
};

/** The kind whose `field` (e.g. 'page' or 'api') is `value`, or undefined. */
export function kindBy(field, value) {
  return Object.keys(KINDS).find((kind) => KINDS[kind][field] === value);
}

/** The kinds a role may post (coordinators post every kind). */
export function kindsFor(role) {
  if (role === 'coordinator') return Object.keys(KINDS);
  return Object.keys(KINDS).filter((kind) => KINDS[kind].role === role);
}

/** A post in the API, for api.get/post/…: "requests/{id}" (or "requests" without an id). */
export function postApi(kind, id) {
  const base = KINDS[kind]?.api || KINDS.request.api;
  return id === undefined ? base : `${base}/${encodeURIComponent(id)}`;
}

/** A post's own page: /hulpvragen/{id}, /aanbod/{id}, /vacatures/{id}. */
export function postPage(kind, id) {
  return `/${KINDS[kind]?.page || KINDS.request.page}/${encodeURIComponent(id)}`;
}

/** The page to change one of your own posts. */
export function editPage(id) {
  return `/mijn/oproepen/${encodeURIComponent(id)}/aanpassen`;
}

/** A match's own page (the mails link here too). */
export function matchPage(id) {
  return `/koppelingen/${encodeURIComponent(id)}`;
}
