/**
 * Fan-out of small messages between nodes (QR login status to the browser
 * that shows the QR, whichever node it is connected to). In-process for one
 * node, Redis pub/sub for several. Delivery is best effort: subscribers
 * re-read state from the KeyValueStore when they (re)connect.
 */
export interface PubSub {
  publish(channel: string, message: string): Promise<void>;
  /** Resolves once the subscription is active; the returned function ends it. */
  subscribe(channel: string, listener: (message: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
