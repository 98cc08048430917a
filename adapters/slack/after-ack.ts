/**
 * A queue for the work that follows an ack: each waiter is let through on a turn of the event loop
 * of its own (setImmediate), in the order they came. Between two turns Node reads the requests that
 * arrived meanwhile and acks them, so a burst of commands never holds a new ack behind the
 * synchronous part (database, rendering) of every reply before it; replies start in the order
 * their requests joined. A listener joins only once what it must wait for is there (a command, its
 * sender's time zone from Slack): work let through and then left waiting would go on outside the
 * queue, all of it in the turn its wait ended.
 */
export function createAfterAck(): () => Promise<void> {
  const waiting: Array<() => void> = [];
  let scheduled = false;
  const letOneThrough = () => {
    waiting.shift()?.();
    scheduled = waiting.length > 0;
    if (scheduled) setImmediate(letOneThrough);
  };
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (!scheduled) {
        scheduled = true;
        setImmediate(letOneThrough);
      }
    });
}
