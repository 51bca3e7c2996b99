// A short sound for each scan's answer, so a checker with eyes on the shelf hears it: one
// high beep for found, two for found elsewhere or on loan, a low one for already counted,
// a low buzz for anything not on the list. Silent where the machine has no sound.
import type { ScanOutcome } from "$lib/bindings";

let audio: AudioContext | null = null;

const TONES: Record<ScanOutcome, { hz: number; ms: number; times: number }> = {
  here: { hz: 1320, ms: 90, times: 1 },
  elsewhere: { hz: 880, ms: 90, times: 2 },
  on_loan: { hz: 880, ms: 90, times: 2 },
  already_counted: { hz: 440, ms: 140, times: 1 },
  out_of_scope: { hz: 220, ms: 320, times: 1 },
  disposed: { hz: 220, ms: 320, times: 1 },
  unknown: { hz: 180, ms: 380, times: 1 },
};

/** Plays the sound for `outcome`. */
export function beep(outcome: ScanOutcome): void {
  try {
    audio ??= new AudioContext();
    const { hz, ms, times } = TONES[outcome];
    for (let i = 0; i < times; i++) {
      const start = audio.currentTime + (i * (ms + 70)) / 1000;
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = hz;
      oscillator.type = outcome === "unknown" ? "square" : "sine";
      gain.gain.setValueAtTime(0.15, start);
      gain.gain.exponentialRampToValueAtTime(0.001, start + ms / 1000);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start);
      oscillator.stop(start + ms / 1000);
    }
  } catch {
    // No audio device (or no Web Audio): the colour and the words still answer.
  }
}
