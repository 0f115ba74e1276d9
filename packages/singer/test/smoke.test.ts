import t from 'tap';
t.test('two plus two', async (t) => { t.equal(2 + 2, 4); });
