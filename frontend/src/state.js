// What every view shares: the session, the server's configuration, ACLED's types, and navigation.
export const app = { session: null, config: {}, taxonomy: {}, view: null, route: () => {} };

export function navigate(hash) {
  if (window.location.hash === hash) app.route();
  else window.location.hash = hash;
}

export function canEdit() {
  return app.session && app.session.role !== "viewer";
}

// The filters of the queue and the map, as the API names them (and as the URL carries them).
export const FILTERS = ["since", "until", "country", "admin1", "event_type", "sub_event_type", "actor", "outlet",
  "min_confidence", "min_fatalities", "status", "q", "bbox", "updated_since", "sort"];

export function filtersFrom(params) {
  const out = {};
  for (const k of FILTERS) if (params.get(k)) out[k] = params.get(k);
  return out;
}
