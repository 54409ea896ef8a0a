// Module hooks that write down every module Node loads, one URL a line, in the file named by
// `register(…, { data: { log } })`. Registered after tsx's own hooks, these run first and see
// every load, TypeScript sources and bundle chunks alike. Written synchronously, so the list is
// complete as soon as the `import()` that caused the loads has settled.
import fs from 'node:fs';

let log;

export function initialize(data) {
  log = data.log;
}

export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  fs.appendFileSync(log, `${url}\n`);
  return result;
}
