import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { listeningOn } from './serve.ts';

describe('serve says where it listens', () => {
  it('loopback with the demo on, every interface when HOST says so or without the demo', () => {
    expect(listeningOn(loadConfig({}))).toMatch(
      /^this machine only \(loopback\), 127\.0\.0\.1:8080 \(the demo/,
    );
    expect(listeningOn(loadConfig({ HOST: '0.0.0.0' }))).toMatch(
      /^every network interface, .*\(HOST is set\)$/,
    );
    expect(listeningOn(loadConfig({ MARKAZ_DEMO: 'false' }))).toMatch(
      /^every network interface, 0\.0\.0\.0:8080/,
    );
  });
});
