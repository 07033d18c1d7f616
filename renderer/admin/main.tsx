import { render } from 'preact';
import '../shared/base.css';
import './admin.css';
import { Admin } from './Admin.js';

render(<Admin />, document.getElementById('app')!);
