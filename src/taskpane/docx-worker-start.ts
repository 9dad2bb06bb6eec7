// Starts the .docx worker. Alone in its file because of import.meta, which webpack needs to bundle the
// worker as its own chunk (and the project's typecheck and jest, which build CommonJS, do not read):
// docx-build.ts loads this only where the page has Worker.
export function startDocxWorker(): Worker {
  // @ts-expect-error TS1343: import.meta is for webpack here; the typecheck's module setting is CommonJS.
  return new Worker(new URL('./docx-worker.ts', import.meta.url), { name: 'docx' });
}
