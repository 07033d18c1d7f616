import { render } from 'preact';
import '../shared/base.css';
import './kiosk.css';
import { Kiosk } from './Kiosk.js';

render(<Kiosk />, document.getElementById('app')!);
