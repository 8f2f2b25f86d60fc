/**
 * Names of countries, blocs and international organisations as briefings write them,
 * each mapped to one id: "Russia", "Russian", "Moscow" and "the Kremlin" are all
 * `russia`. Used as evidence of what a sentence and a fact are about: a fact about
 * Russia is not about the sentence's Norway (docs/statistics.md, "Same subject").
 *
 * Matching is case-sensitive on purpose: "china" (porcelain), "turkey" (the bird) and
 * "us" (the pronoun) are not places, "China", "Turkey" and "US" are. Longer names are
 * tried first, so "North Korea" is not read as "Korea".
 */

/** What kind of name an id is: a fact about one kind is only ruled out by another name of that kind. */
export type PlaceKind = 'place' | 'organisation';

/** id → [kind, names…]. Demonyms and capitals used as metonyms count as the place. */
const TABLE: ReadonlyArray<readonly [string, PlaceKind, string]> = [
  ['afghanistan', 'place', 'Afghanistan|Afghan|Afghans|Kabul'],
  ['algeria', 'place', 'Algeria|Algerian|Algiers'],
  ['argentina', 'place', 'Argentina|Argentine|Argentinian|Buenos Aires'],
  ['australia', 'place', 'Australia|Australian|Australians|Canberra'],
  ['austria', 'place', 'Austria|Austrian|Vienna'],
  ['azerbaijan', 'place', 'Azerbaijan|Azerbaijani|Baku'],
  ['bangladesh', 'place', 'Bangladesh|Bangladeshi|Dhaka'],
  ['belarus', 'place', 'Belarus|Belarusian|Minsk'],
  ['belgium', 'place', 'Belgium|Belgian'],
  ['brazil', 'place', 'Brazil|Brazilian|Brasília|Brasilia'],
  ['bulgaria', 'place', 'Bulgaria|Bulgarian|Sofia'],
  ['canada', 'place', 'Canada|Canadian|Canadians|Ottawa'],
  ['chile', 'place', 'Chile|Chilean|Santiago'],
  ['china', 'place', "China|Chinese|PRC|People's Republic of China|Beijing|Peking"],
  ['colombia', 'place', 'Colombia|Colombian|Bogotá|Bogota'],
  ['croatia', 'place', 'Croatia|Croatian|Zagreb'],
  ['cuba', 'place', 'Cuba|Cuban|Havana'],
  ['cyprus', 'place', 'Cyprus|Cypriot|Nicosia'],
  ['czechia', 'place', 'Czechia|Czech Republic|Czech|Prague'],
  ['denmark', 'place', 'Denmark|Danish|Copenhagen'],
  ['egypt', 'place', 'Egypt|Egyptian|Cairo'],
  ['estonia', 'place', 'Estonia|Estonian|Tallinn'],
  ['ethiopia', 'place', 'Ethiopia|Ethiopian|Addis Ababa'],
  ['finland', 'place', 'Finland|Finnish|Helsinki'],
  ['france', 'place', 'France|French|Paris'],
  ['georgia', 'place', 'Georgia|Georgian|Tbilisi'],
  ['germany', 'place', 'Germany|German|Germans|Berlin'],
  ['ghana', 'place', 'Ghana|Ghanaian|Accra'],
  ['greece', 'place', 'Greece|Greek|Athens'],
  ['hong-kong', 'place', 'Hong Kong'],
  ['hungary', 'place', 'Hungary|Hungarian|Budapest'],
  ['india', 'place', 'India|Indian|Indians|New Delhi|Delhi'],
  ['indonesia', 'place', 'Indonesia|Indonesian|Jakarta'],
  ['iran', 'place', 'Iran|Iranian|Tehran'],
  ['iraq', 'place', 'Iraq|Iraqi|Baghdad'],
  ['ireland', 'place', 'Ireland|Irish|Dublin'],
  ['israel', 'place', 'Israel|Israeli|Israelis|Jerusalem|Tel Aviv'],
  ['italy', 'place', 'Italy|Italian|Rome'],
  ['japan', 'place', 'Japan|Japanese|Tokyo'],
  ['jordan', 'place', 'Jordanian|Amman|Kingdom of Jordan'],
  ['kazakhstan', 'place', 'Kazakhstan|Kazakh|Astana'],
  ['kenya', 'place', 'Kenya|Kenyan|Nairobi'],
  ['kuwait', 'place', 'Kuwait|Kuwaiti'],
  ['latvia', 'place', 'Latvia|Latvian|Riga'],
  ['lebanon', 'place', 'Lebanon|Lebanese|Beirut'],
  ['libya', 'place', 'Libya|Libyan|Tripoli'],
  ['lithuania', 'place', 'Lithuania|Lithuanian|Vilnius'],
  ['malaysia', 'place', 'Malaysia|Malaysian|Kuala Lumpur'],
  ['mexico', 'place', 'Mexico|Mexican|Mexicans'],
  ['mongolia', 'place', 'Mongolia|Mongolian|Ulaanbaatar'],
  ['morocco', 'place', 'Morocco|Moroccan|Rabat'],
  ['myanmar', 'place', 'Myanmar|Burma|Burmese|Naypyidaw'],
  ['netherlands', 'place', 'Netherlands|Dutch|Holland|Amsterdam|The Hague'],
  ['new-zealand', 'place', 'New Zealand|Wellington'],
  ['nigeria', 'place', 'Nigeria|Nigerian|Abuja'],
  ['north-korea', 'place', "North Korea|North Korean|North Koreans|DPRK|Democratic People's Republic of Korea|Pyongyang"],
  ['norway', 'place', 'Norway|Norwegian|Oslo'],
  ['pakistan', 'place', 'Pakistan|Pakistani|Islamabad'],
  ['peru', 'place', 'Peru|Peruvian|Lima'],
  ['philippines', 'place', 'Philippines|Philippine|Filipino|Manila'],
  ['poland', 'place', 'Poland|Polish|Warsaw'],
  ['portugal', 'place', 'Portugal|Portuguese|Lisbon'],
  ['qatar', 'place', 'Qatar|Qatari|Doha'],
  ['romania', 'place', 'Romania|Romanian|Bucharest'],
  ['russia', 'place', 'Russia|Russian|Russians|Russian Federation|Moscow|Kremlin'],
  ['saudi-arabia', 'place', 'Saudi Arabia|Saudi|Riyadh'],
  ['serbia', 'place', 'Serbia|Serbian|Belgrade'],
  ['singapore', 'place', 'Singapore|Singaporean'],
  ['slovakia', 'place', 'Slovakia|Slovak|Bratislava'],
  ['slovenia', 'place', 'Slovenia|Slovenian|Ljubljana'],
  ['south-africa', 'place', 'South Africa|South African|Pretoria|Johannesburg'],
  ['south-korea', 'place', 'South Korea|South Korean|South Koreans|Republic of Korea|ROK|Seoul'],
  ['spain', 'place', 'Spain|Spanish|Madrid'],
  ['sweden', 'place', 'Sweden|Swedish|Stockholm'],
  ['switzerland', 'place', 'Switzerland|Swiss|Bern'],
  ['syria', 'place', 'Syria|Syrian|Damascus'],
  ['taiwan', 'place', 'Taiwan|Taiwanese|Taipei'],
  ['thailand', 'place', 'Thailand|Thai|Bangkok'],
  ['turkey', 'place', 'Turkey|Türkiye|Turkish|Ankara'],
  ['ukraine', 'place', 'Ukraine|Ukrainian|Ukrainians|Kyiv|Kiev'],
  ['united-arab-emirates', 'place', 'United Arab Emirates|UAE|Emirati|Abu Dhabi|Dubai'],
  ['united-kingdom', 'place', 'United Kingdom|UK|U.K.|Britain|Great Britain|British|London|England|Scotland|Wales'],
  ['united-states', 'place', 'United States|United States of America|US|U.S.|USA|U.S.A.|America|American|Americans|Washington'],
  ['uzbekistan', 'place', 'Uzbekistan|Uzbek|Tashkent'],
  ['venezuela', 'place', 'Venezuela|Venezuelan|Caracas'],
  ['vietnam', 'place', 'Vietnam|Viet Nam|Vietnamese|Hanoi'],
  ['yemen', 'place', "Yemen|Yemeni|Sana'a"],
  ['african-union', 'place', 'African Union'],
  ['asean', 'place', 'ASEAN'],
  ['asia-pacific', 'place', 'Asia-Pacific|Asia Pacific|Indo-Pacific'],
  ['eu', 'place', 'EU|European Union|Europe|European|eurozone|euro area|Euro Area|Brussels'],
  ['latin-america', 'place', 'Latin America|Latin American'],
  ['middle-east', 'place', 'Middle East|Middle Eastern'],
  ['africa', 'place', 'Africa|African|sub-Saharan Africa'],
  ['imf', 'organisation', 'IMF|International Monetary Fund'],
  ['world-bank', 'organisation', 'World Bank'],
  ['un', 'organisation', 'UN|U.N.|United Nations'],
  ['nato', 'organisation', 'NATO|Nato'],
  ['oecd', 'organisation', 'OECD'],
  ['opec', 'organisation', 'OPEC|Opec'],
  ['who', 'organisation', 'WHO|World Health Organization'],
  ['wto', 'organisation', 'WTO|World Trade Organization'],
  ['iea', 'organisation', 'IEA|International Energy Agency'],
];

interface Place {
  id: string;
  kind: PlaceKind;
}

const BY_NAME = new Map<string, Place>();
for (const [id, kind, names] of TABLE) for (const name of names.split('|')) BY_NAME.set(name, { id, kind });

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every name, longest first, as one alternation; not inside a longer word, and a trailing "'s" is allowed. */
const NAMES = new RegExp(
  `(?<![\\p{L}\\p{N}])(${[...BY_NAME.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|')})(?![\\p{L}\\p{N}])`,
  'gu',
);

/** The places and organisations a text names, by id and kind. */
export function placesIn(text: string): Map<string, PlaceKind> {
  const found = new Map<string, PlaceKind>();
  for (const m of text.matchAll(NAMES)) {
    const place = BY_NAME.get(m[1]!)!;
    found.set(place.id, place.kind);
  }
  return found;
}

/** The text with every place name blanked out, so its words do not count again as plain words. */
export function withoutPlaceNames(text: string): string {
  return text.replace(NAMES, ' ');
}
