import { render } from 'preact';
import '../shared/base.css';
import './board.css';
import { Board } from './Board.js';
import { connectShell } from '../shared/bridge.js';

// In the Electron shell the token comes over IPC first; in a browser this resolves at once.
void connectShell().then(() => render(<Board />, document.getElementById('app')!));
