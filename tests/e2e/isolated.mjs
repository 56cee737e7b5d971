// Runs code in memport's content-script world of a page, as a compromised page's content
// script could: the tests of who may ask what (access.test.mjs) speak from there.
//
// Chromium gives each extension's content scripts an isolated world named after the
// extension; CDP lists it among the page's execution contexts.

/** Resolves with `evaluate(expression)`: the expression's value, run in memport's world. */
export async function contentScriptWorld(page, name = 'memport') {
  const cdp = await page.context().newCDPSession(page);
  const contexts = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  const deadline = Date.now() + 10_000;
  let world;
  while (!(world = contexts.find((c) => c.name === name && c.auxData?.type === 'isolated' && c.auxData?.isDefault === false))) {
    if (Date.now() > deadline) throw new Error(`no "${name}" content-script world on ${page.url()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return async function evaluate(expression) {
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      expression,
      contextId: world.id,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value;
  };
}
