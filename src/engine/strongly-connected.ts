/**
 * Tarjan's strongly connected components, iterative (no recursion depth limit). Components come out
 * in reverse topological order: a component is emitted after every component reachable from it.
 */
export function stronglyConnected(
  vertices: readonly string[],
  successors: (vertex: string) => readonly string[],
): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  for (const root of vertices) {
    if (index.has(root)) continue;
    // Each frame: a vertex and how many of its successors have been looked at.
    const frames: { vertex: string; next: number }[] = [{ vertex: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter);
    counter += 1;
    stack.push(root);
    onStack.add(root);

    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as { vertex: string; next: number };
      const edges = successors(frame.vertex);
      if (frame.next < edges.length) {
        const w = edges[frame.next] as string;
        frame.next += 1;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter);
          counter += 1;
          stack.push(w);
          onStack.add(w);
          frames.push({ vertex: w, next: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.vertex, Math.min(low.get(frame.vertex) ?? 0, index.get(w) ?? 0));
        }
        continue;
      }
      frames.pop();
      const v = frame.vertex;
      const parent = frames[frames.length - 1];
      if (parent !== undefined) {
        low.set(parent.vertex, Math.min(low.get(parent.vertex) ?? 0, low.get(v) ?? 0));
      }
      if (low.get(v) === index.get(v)) {
        const component: string[] = [];
        for (;;) {
          const w = stack.pop() as string;
          onStack.delete(w);
          component.push(w);
          if (w === v) break;
        }
        components.push(component);
      }
    }
  }
  return components;
}
