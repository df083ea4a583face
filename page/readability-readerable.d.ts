/**
 * The readerability check alone (a few hundred bytes), without the whole of Readability, for the
 * small script the popup injects to decide whether to offer "Use this article as a briefing".
 */
declare module '@mozilla/readability/Readability-readerable.js' {
  const isProbablyReaderable: typeof import('@mozilla/readability').isProbablyReaderable;
  export default isProbablyReaderable;
}
