/** A printer on a serial line (or a USB–serial adapter); two-way. */
import { SerialPort } from 'serialport';
import { StreamLink } from './link.js';

export function serialLink(path: string, baudRate = 9600): StreamLink {
  return new StreamLink(`serial ${path}`, () => new Promise<SerialPort>((resolve, reject) => {
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    port.open((err) => (err ? reject(err) : resolve(port)));
  }));
}
