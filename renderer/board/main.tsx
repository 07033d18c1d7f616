import { render } from 'preact';
import '../shared/base.css';
import './board.css';
import { Board } from './Board.js';

render(<Board />, document.getElementById('app')!);
