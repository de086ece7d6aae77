// Preloaded into Prisma CLI calls: the wasm schema engine leaves a 10 s timer running after its
// work is done, which keeps every migrate/generate call alive ~10 s longer than needed.
const original = global.setTimeout;
global.setTimeout = function (fn, ms, ...rest) {
  const t = original(fn, ms, ...rest);
  if (ms >= 1000 && t && typeof t.unref === "function") t.unref();
  return t;
};
