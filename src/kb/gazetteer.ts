// Reading the GeoNames-derived gazetteer and deciding which of its Arabic names may produce mentions.
// Input: gazetteer.tsv text (see scripts/build-gazetteer.mjs). Output: places and an acceptance test per name.

export interface GazetteerPlace {
  geonameId: string;
  arabicNames: string[];
  name: string;
  country: string;
  lon: number;
  lat: number;
  population: number;
  featureCode: string;
}

/** Seats of government are known well enough to trust even when their names are short. */
const ADMINISTRATIVE_SEATS = new Set(['PPLC', 'PPLA', 'PPLA2']);
/** A one-word village name is too often a common word: only towns this large (or seats) keep one. */
const MIN_POPULATION_SINGLE_WORD = 20000;
const MIN_POPULATION_MULTI_WORD = 1000;
const MIN_NAME_LETTERS = 3;

export function parseGazetteer(tsv: string): GazetteerPlace[] {
  const places: GazetteerPlace[] = [];
  for (const line of tsv.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [geonameId, names, name, country, lon, lat, population, featureCode] = line.split('\t');
    places.push({
      geonameId,
      arabicNames: names.split('|'),
      name,
      country,
      lon: Number(lon),
      lat: Number(lat),
      population: Number(population) || 0,
      featureCode,
    });
  }
  return places;
}

/** Whether a gazetteer name (normalised tokens) is safe to match: not a common word, and the place is notable enough. */
export function acceptGazetteerName(tokens: string[], place: GazetteerPlace, commonWords: ReadonlySet<string>): boolean {
  if (tokens.length === 0 || tokens.join('').length < MIN_NAME_LETTERS) return false;
  if (tokens.every((t) => commonWords.has(t))) return false;
  const seat = ADMINISTRATIVE_SEATS.has(place.featureCode);
  if (tokens.length === 1) return seat || place.population >= MIN_POPULATION_SINGLE_WORD;
  return seat || place.population >= MIN_POPULATION_MULTI_WORD;
}
