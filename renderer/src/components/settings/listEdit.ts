// Editing a list of settings cards (scanners, hot folders): change one, remove one, add one. Each
// returns the new list for the form; the cards are keyed by their place, as the schema's issue
// paths are (`scanners.1.dpi`).
export function listEdit<T>(list: readonly T[], onChange: (list: T[]) => void) {
  return {
    set: (index: number, patch: Partial<T>) =>
      onChange(list.map((x, j) => (j === index ? { ...x, ...patch } : x))),
    remove: (index: number) => onChange(list.filter((_, j) => j !== index)),
    add: (item: T) => onChange([...list, item]),
  };
}
