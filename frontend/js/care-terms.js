// The kinds of help (category slugs, GET /api/v1/categories) explained in plain
// Dutch: each care term once (*maatje*, *respijtzorg*). Its own module so that the
// search page, which needs only these, does not load all of words.js; other pages
// take them from words.js, which passes them on.

/** What each kind of help (category slug, GET /api/v1/categories) means, in plain words. */
export const CATEGORY_HELP = {
  maatje: 'Een maatje doet regelmatig iets samen met iemand, zoals wandelen, koffie drinken of een spelletje.',
  bezoekwerk: 'Iemand komt regelmatig op bezoek, voor een praatje en gezelschap.',
  respijtzorg: 'Even de zorg overnemen van een mantelzorger, zodat die kan uitrusten. Een mantelzorger zorgt zonder betaling voor een naaste.',
  klussen: 'Kleine klusjes in en om het huis, zoals een lamp ophangen of een kastje maken.',
  computerhulp: 'Hulp met de computer, tablet of telefoon, bijvoorbeeld met e-mail of DigiD.',
  administratie: 'Hulp met post, formulieren en geldzaken, zoals brieven lezen en rekeningen ordenen.',
  boodschappen: 'Boodschappen doen voor iemand, of samen naar de winkel gaan.',
  vervoer: 'Iemand met de auto brengen en halen, bijvoorbeeld naar de dokter of het ziekenhuis.',
  taalmaatje: 'Een taalmaatje oefent samen met iemand Nederlands: praten, lezen of schrijven.',
  tuin: 'Hulp in de tuin, zoals gras maaien, onkruid weghalen of de heg knippen.',
  overig: 'Hulp die niet bij de andere soorten past.',
};
