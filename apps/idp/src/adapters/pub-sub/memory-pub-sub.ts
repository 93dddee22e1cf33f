import { EventEmitter } from 'node:events';
import type { PubSub } from '../../ports/pub-sub.ts';

type Listener = (message: string) => void;

/** In-process fan-out for a single node. A listener that throws does not stop the others. */
export class MemoryPubSub implements PubSub {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(channel: string, message: string) {
    this.emitter.emit(channel, message);
  }

  async subscribe(channel: string, listener: Listener) {
    const isolated: Listener = (message) => {
      try {
        listener(message);
      } catch {
        // A listener's failure is its own; publishing goes on.
      }
    };
    this.emitter.on(channel, isolated);
    return async () => {
      this.emitter.off(channel, isolated);
    };
  }

  async close() {
    this.emitter.removeAllListeners();
  }
}
