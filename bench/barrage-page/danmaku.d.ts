// The danmaku package types its main entry only; its engine-specific ESM builds have the same API.
declare module 'danmaku/dist/esm/danmaku.dom.js' {
  import Danmaku from 'danmaku';
  export default Danmaku;
}
declare module 'danmaku/dist/esm/danmaku.canvas.js' {
  import Danmaku from 'danmaku';
  export default Danmaku;
}
