// Read by `cem analyze` (npm run analyze) and therefore also by scripts/check-manifest.ts
// (npm run test:manifest), which runs the exact `analyze` script into a temp dir.
//
// Tag names: element classes live in src/components/<tag>/<tag>.ts and are registered in
// src/<tag>.ts, outside the globs. The analyzer takes the tag name from the class's
// `@tag <name>` JSDoc, so every element class MUST carry `@tag`; the manifest check fails when
// one of the five tags (or the tag of any custom-element class) is missing.
export default {
  globs: ['src/components/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.stories.ts'],
  outdir: '.',
  litelement: true,
  // package.json already says "customElements": "custom-elements.json". Without this the
  // analyzer rewrites package.json's "customElements" to whatever --outdir it was given
  // (including the check's temp dir).
  packagejson: false,
  plugins: [
    {
      // The analyzer's module order follows its async glob walk and changes from run to run;
      // sort by path so the committed manifest is reproducible and the check is not flaky.
      name: 'live-elements:sort-modules',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      },
    },
  ],
};
