import { render } from 'preact';

render(<p>Syria Lens</p>, document.getElementById('app')!);
