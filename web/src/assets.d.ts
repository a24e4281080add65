/// <reference types="vite/client" />
// Vite's own declarations: `?url` imports (the address of a file the build copies into the
// bundle's assets) and `import.meta.glob`.
