// The demo behind `./dev demo`: the whole transfer, Claude -> memport -> Gemini, with the
// built extension in Chromium on the bundled replica pages. It prints what was captured and
// what was filled, and saves screenshots to target/screenshots/ (ignored by git; only
// `./dev screenshots` updates the README's, in docs/screenshots/). Headless unless there is a
// display (DISPLAY set), in which case you can watch it.

import path from 'node:path';
import {
  REPO, start, openClaude, pressSave, openPopup, popupGroups, sendViaMenu, geminiPage, geminiState, screenshot, panelText,
} from './e2e/steps.mjs';

const headless = !process.env.DISPLAY;
const rel = (file) => path.relative(REPO, file);
const step = (n, text) => console.log(`\n\x1b[1m${n}. ${text}\x1b[0m`);

console.log(`memport demo: Claude -> memport -> Gemini (Chromium, ${headless ? 'headless' : 'on your display'})`);
const env = await start({ headless });
try {
  step(1, 'Claude, Settings > Capabilities: press "Save memory to memport"');
  const claude = await openClaude(env);
  const shots = [await screenshot(claude, 'claude-button.png')];
  console.log(`   ${await pressSave(claude)}`);

  step(2, 'The memport popup shows the profile by category');
  const popup = await openPopup(env);
  for (const group of await popupGroups(popup)) {
    console.log(`   ${group.label} (${group.count})`);
    for (const text of group.items) console.log(`     - ${text}`);
  }
  shots.push(await screenshot(popup, 'popup.png'));

  step(3, 'Right-click > "Send memory to" > "Gemini": Gemini\'s import page, box filled');
  const notice = await sendViaMenu(env);
  console.log(`   ${notice.message}`);
  const gemini = await geminiPage(env);
  const state = await geminiState(gemini);
  console.log('   The box on https://gemini.google.com/import now holds:');
  for (const line of (state.value ?? '').split('\n')) console.log(`   | ${line}`);
  console.log(`   Gemini's page saw it: ${state.inputEvents} input event(s), "Add memory" ${state.addEnabled ? 'enabled' : 'disabled'}, submitted: ${state.submitted ? 'yes' : 'no (that is yours to press)'}`);
  await panelText(gemini, 'notice');
  shots.push(await screenshot(gemini, 'gemini-filled.png'));

  step(4, 'Screenshots');
  for (const file of shots) console.log(`   ${rel(file)}`);
  if (!notice.ok) process.exitCode = 1;
} finally {
  await env.close();
}
