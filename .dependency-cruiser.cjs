/**
 * The import rules of OpenRSD's layout (docs/architecture.md, "Layout"), checked by `npm run lint`:
 * no import circles, and no layer imports one above it. From the bottom up:
 *   kernel -> profiles -> contracts, store -> security (access, audit, crypto, identity) -> app
 *   -> server plumbing -> the features -> server/app.ts (composition) -> demo -> cli.
 */
/* global module */
const FEATURES =
  "^src/(cases|approvals|mandates|interviews|disclosures|persons|holidays|reference|portal|statistics|evidence|notices|security/(http|commands))/";
const SECURITY_LIB = "^src/security/(access|audit|crypto|identity)/";

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "An import circle: split the shared part into a module both can import.",
      from: {},
      to: { circular: true },
    },
    {
      name: "kernel-is-neutral-and-pure",
      severity: "error",
      comment: "src/kernel knows no jurisdiction, no database and no framework: it imports only itself.",
      from: { path: "^src/kernel/" },
      to: { path: "^src/", pathNot: "^src/kernel/" },
    },
    {
      name: "profiles-build-on-the-kernel-only",
      severity: "error",
      comment: "A procedure profile is pure: it may import the kernel, and its own folder.",
      from: { path: "^src/profiles/([^/]+)/" },
      to: { path: "^src/", pathNot: ["^src/kernel/", "^src/profiles/$1/"] },
    },
    {
      name: "profile-registry-lists-profiles",
      severity: "error",
      from: { path: "^src/profiles/index\\.ts$" },
      to: { path: "^src/", pathNot: ["^src/kernel/", "^src/profiles/"] },
    },
    {
      name: "contracts-are-schemas",
      severity: "error",
      comment: "The API's schemas are shared with the web: they import only the kernel.",
      from: { path: "^src/contracts/" },
      to: { path: "^src/", pathNot: ["^src/kernel/", "^src/contracts/"] },
    },
    {
      name: "store-is-the-bottom",
      severity: "error",
      comment: "The database plumbing (src/store) knows no feature and no security.",
      from: { path: "^src/store/" },
      to: { path: "^src/", pathNot: ["^src/kernel/", "^src/store/"] },
    },
    {
      name: "security-library-stays-below-the-app",
      severity: "error",
      from: { path: SECURITY_LIB },
      to: { path: "^src/", pathNot: ["^src/kernel/", "^src/store/", "^src/contracts/", SECURITY_LIB] },
    },
    {
      name: "app-core-knows-no-feature",
      severity: "error",
      comment: "src/app (context, errors, actor) is what every feature uses; it imports none of them.",
      from: { path: "^src/app/" },
      to: { path: [FEATURES, "^src/server/", "^src/cli/", "^src/demo/"] },
    },
    {
      name: "server-plumbing-knows-no-feature",
      severity: "error",
      comment: "Only server/app.ts, which composes the server, imports the features' routes.",
      from: { path: "^src/server/", pathNot: "^src/server/app\\.ts$" },
      to: { path: [FEATURES, "^src/cli/", "^src/demo/"] },
    },
    {
      name: "features-do-not-reach-up",
      severity: "error",
      comment: "A feature's tests may load demo data; its code may not.",
      from: { path: FEATURES, pathNot: "\\.test\\.ts$" },
      to: { path: ["^src/server/app\\.ts$", "^src/cli/", "^src/demo/"] },
    },
    {
      name: "demo-does-not-use-the-cli",
      severity: "error",
      from: { path: "^src/demo/" },
      to: { path: "^src/cli/" },
    },
    {
      name: "production-code-does-not-import-tests",
      severity: "error",
      from: { path: "^(src|web/src)/", pathNot: "\\.test\\.tsx?$" },
      to: { path: ["^test/", "\\.test\\.tsx?$", "/testing\\.ts$", "/test-fixtures\\.ts$"] },
    },
    {
      name: "web-gets-profiles-from-the-server",
      severity: "error",
      comment: "The web builds event forms from GET /api/v1/profiles/{id}; it imports no profile.",
      from: { path: "^web/src/" },
      to: { path: ["^src/profiles/", "^src/store/", "^src/server/", "^src/cases/"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["^web/dist", "^bench/results"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".tsx", ".js", ".json"] },
  },
};
