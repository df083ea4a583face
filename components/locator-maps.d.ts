/** The locator maps, drawn at build time by scripts/maps/ (see scripts/maps/vite-plugin.ts). */
declare module 'virtual:syria-lens/locator-maps' {
  const data: import('./locator-map-types').LocatorMapData;
  export default data;
}
