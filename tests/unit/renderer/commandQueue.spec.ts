import { describe, expect, it } from 'vitest';
import type { Ack } from '../../../sync/protocol/hub.js';
import { CommandQueue, MAX_PENDING, type QueuedCommand } from '../../../renderer/desk/commandQueue.js';

/** A hub stand-in whose answers the test releases one by one. */
function heldHub() {
  const sent: { command: string; id: string; answer: (ack: Ack) => void }[] = [];
  return {
    sent,
    send: (job: QueuedCommand, id: string) => new Promise<Ack>((answer) => sent.push({ command: job.command, id, answer })),
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the desk’s command queue', () => {
  it('sends presses one at a time, in order, each after the answer before it', async () => {
    const hub = heldHub();
    const answered: string[] = [];
    const q = new CommandQueue({ send: hub.send, check: () => null, answered: (j) => answered.push(j.command), refused: () => {} });
    for (const command of ['start', 'finish', 'callNext']) q.push({ command, args: [] });
    await settle();
    expect(hub.sent.map((s) => s.command)).toEqual(['start']);
    hub.sent[0]!.answer({ ok: true });
    await settle();
    expect(hub.sent.map((s) => s.command)).toEqual(['start', 'finish']);
    hub.sent[1]!.answer({ ok: true });
    await settle();
    hub.sent[2]!.answer({ ok: true });
    await settle();
    expect(answered).toEqual(['start', 'finish', 'callNext']);
    expect(q.pending).toBe(0);
  });

  it('checks a command when its turn comes and refuses it with the reason instead of sending it', async () => {
    const hub = heldHub();
    let free = false;
    const refused: string[] = [];
    const q = new CommandQueue({ send: hub.send, check: (j) => (j.command === 'callNext' && !free ? 'busy' : null), answered: () => {}, refused: (j, why) => refused.push(`${j.command}:${why}`) });
    q.push({ command: 'finish', args: [] });
    q.push({ command: 'callNext', args: [] });
    q.push({ command: 'callNext', args: [] });
    await settle();
    free = true;
    hub.sent[0]!.answer({ ok: true });
    await settle();
    expect(hub.sent.map((s) => s.command)).toEqual(['finish', 'callNext']);
    expect(refused).toEqual([]);
    free = false;
    hub.sent[1]!.answer({ ok: true });
    await settle();
    expect(refused).toEqual(['callNext:busy']);
  });

  it('reuses the commandId of a try that got no answer, so the hub never acts twice', async () => {
    const hub = heldHub();
    const q = new CommandQueue({ send: hub.send, check: () => null, answered: () => {}, refused: () => {} });
    q.push({ command: 'callNext', args: [] });
    await settle();
    hub.sent[0]!.answer({ ok: false, error: { code: 'NO_ANSWER', message: '' } });
    await settle();
    q.push({ command: 'callNext', args: [] });
    await settle();
    expect(hub.sent[1]!.id).toBe(hub.sent[0]!.id);
    hub.sent[1]!.answer({ ok: true });
    await settle();
    q.push({ command: 'callNext', args: [] });
    await settle();
    expect(hub.sent[2]!.id).not.toBe(hub.sent[0]!.id);
  });

  it('says it is full past a few presses ahead of the hub', async () => {
    const hub = heldHub();
    const q = new CommandQueue({ send: hub.send, check: () => null, answered: () => {}, refused: () => {} });
    for (let i = 0; i < MAX_PENDING; i++) expect(q.push({ command: 'recall', args: [] })).toBe('queued');
    expect(q.push({ command: 'recall', args: [] })).toBe('full');
  });
});
