import { describe, expect, it } from 'vitest';

describe('runtime', () => {
  it('runs on Node.js 24 or newer, the one the project brings where the system Node is older', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24);
  });
});
