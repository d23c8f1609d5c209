/**
 * A copy of a string that shares no memory with the string it was sliced
 * from. V8 represents a slice of 13 or more UTF-16 units as a pointer into
 * its parent, so a token kept in a cache (or a report) would keep the whole
 * text it came from alive. Concatenating then slicing makes V8 flatten the
 * concatenation into a new string of the slice's length plus one.
 */
export function detach(s: string): string {
  return (' ' + s).slice(1);
}
