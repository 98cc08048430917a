// The fake GitHub of the tests, as its own process for the bench (`count token repo`): a
// repository of `count` issues the token reads, served on 127.0.0.1 until this process's stdin
// closes. Prints its URL, then `ready`.
import { startFakeGitHub } from '../test/fakes/github-api.js';

const [count = 10_000, BENCH_TOKEN = '', BENCH_REPO = ''] = [
  Number(process.argv[2]),
  process.argv[3],
  process.argv[4],
];
const github = await startFakeGitHub({
  tokens: { [BENCH_TOKEN]: { repos: [BENCH_REPO] } },
  now: '2026-11-01T09:00:00Z',
});
github.addRepo(BENCH_REPO);
const severities = ['P0', 'P1', 'P2', 'P3'];
// Seven in ten issues are features (some assigned), three in ten bugs of every severity.
github.addIssues(
  BENCH_REPO,
  Array.from({ length: count }, (_, i) =>
    i % 10 < 7
      ? {
          title: `Feature request ${i + 1}: export the ${i % 13} report`,
          labels: ['enhancement'],
          assignees: i % 5 === 0 ? ['ana'] : [],
        }
      : { title: `Crash ${i + 1} when saving form ${i % 17}`, labels: ['bug', severities[i % 4] as string] },
  ),
);
process.stdout.write(`${github.url}\nready\n`);
process.stdin.resume();
process.stdin.on('end', () => void github.close().then(() => process.exit(0)));
