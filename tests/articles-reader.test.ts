// Reading articles without a database: text from plain text, Markdown and HTML with every
// character traced back to the file, bylines, days, and how written names compare with speakers'.
import { describe, expect, it } from 'vitest';
import { type DayExpression, findDayExpressions, resolveDay } from '../src/articles/days.js';
import { compareNames, looksLikePersonName } from '../src/articles/names.js';
import { parseByline, readMetadata } from '../src/articles/metadata.js';
import { detectArticleFormat, readArticle } from '../src/articles/reader.js';
import { readStance, splitClauses } from '../src/articles/stance.js';
import { words } from '../src/articles/text.js';

const blocks = (source: string) => {
  const doc = readArticle(source);
  return doc.blocks.map((block) => [block.kind, doc.text.slice(block.start, block.end)]);
};

describe('reading an article', () => {
  it('tells the format from the extension, else from the content', () => {
    expect(detectArticleFormat('anything', 'post.HTML')).toBe('html');
    expect(detectArticleFormat('anything', 'notes.md')).toBe('markdown');
    expect(detectArticleFormat('<!doctype html><p>Hi</p>')).toBe('html');
    expect(detectArticleFormat('# Title\n\nText')).toBe('markdown');
    expect(detectArticleFormat('Title\n\nJust text.')).toBe('text');
  });

  it('reads plain text as blocks: one-line blocks without a full stop are headings, dash lines are items', () => {
    expect(blocks('My notes\n\nBy Sam Lee\n\nFirst paragraph,\nwrapped.\n\n- one\n- two\n\nA heading\n\nText.')).toEqual([
      ['heading', 'My notes'],
      ['heading', 'By Sam Lee'],
      ['paragraph', 'First paragraph, wrapped.'],
      ['item', 'one'],
      ['item', 'two'],
      ['heading', 'A heading'],
      ['paragraph', 'Text.'],
    ]);
  });

  it('reads Markdown without its markup and keeps emphasis and links as marks that point into the file', () => {
    const source = '---\ntitle: Notes\nauthor: [Ann Lee, Bo Kim]\ndate: 2025-02-04\n---\n# Notes\n\nI liked **Going Beyond CI/CD** and [the Prow talk](https://sched.co/x), not `code`.\n\n* item with snake_case and Samuel_77\n';
    const doc = readArticle(source, 'markdown');
    expect(doc.declared).toEqual({ title: 'Notes', authors: ['Ann Lee', 'Bo Kim'], publishedOn: '2025-02-04' });
    expect(doc.blocks.map((block) => [block.kind, doc.text.slice(block.start, block.end)])).toEqual([
      ['heading', 'Notes'],
      ['paragraph', 'I liked Going Beyond CI/CD and the Prow talk, not code.'],
      ['item', 'item with snake_case and Samuel_77'],
    ]);
    const [bold, link] = doc.marks;
    expect(bold).toMatchObject({ kind: 'emphasis' });
    expect(doc.text.slice(bold.start, bold.end)).toBe('Going Beyond CI/CD');
    const boldInFile = doc.toSource(bold);
    expect(source.slice(boldInFile.start, boldInFile.end)).toBe('Going Beyond CI/CD');
    expect(link).toMatchObject({ kind: 'link', href: 'https://sched.co/x' });
    const paragraph = doc.blocks[1];
    const inFile = doc.toSource(paragraph);
    expect(source.slice(inFile.start, inFile.end)).toBe('I liked **Going Beyond CI/CD** and [the Prow talk](https://sched.co/x), not `code`.');
  });

  it('reads HTML: skips scripts, navigation and footers, decodes entities, and maps them back to the file', () => {
    const source =
      '<html><head><title>Recap | Blog</title><meta property="og:site_name" content="Acme"><meta name="author" content="Jane Doe">' +
      '<script>var p = "<p>not text</p>";</script></head><body><nav><a href="/">Home</a></nav><article><h1>Our recap</h1>' +
      '<p>By Jane Doe<br>Engineer at Acme</p><p>We loved <em>Going&nbsp;Beyond</em> by <a href="https://sched.co/x">Leo</a>.<p>A user&rsquo;s view' +
      '<ul><li>one<li>two</ul></article><footer>Imprint</footer></body></html>';
    const doc = readArticle(source);
    expect(doc.declared).toEqual({ title: 'Recap | Blog', publisher: 'Acme', authors: ['Jane Doe'] });
    expect(doc.blocks.map((block) => [block.kind, doc.text.slice(block.start, block.end)])).toEqual([
      ['heading', 'Our recap'],
      ['paragraph', 'By Jane Doe\nEngineer at Acme'],
      ['paragraph', 'We loved Going Beyond by Leo.'],
      ['paragraph', 'A user’s view'],
      ['item', 'one'],
      ['item', 'two'],
    ]);
    const apostrophe = doc.text.indexOf('user’s');
    const inFile = doc.toSource({ start: apostrophe, end: apostrophe + 'user’s'.length });
    expect(source.slice(inFile.start, inFile.end)).toBe('user&rsquo;s');
    expect(doc.marks.map((mark) => [mark.kind, doc.text.slice(mark.start, mark.end), mark.href])).toEqual([
      ['emphasis', 'Going Beyond', undefined],
      ['link', 'Leo', 'https://sched.co/x'],
    ]);
  });

  it('finds the title, the byline with job titles and organisations, and the series', () => {
    const meta = readMetadata(
      readArticle('Wrapping Up KubeCon: Day Two\n\nPart two of a three part series.\n\nAuthors: Ann Lee, Platform Engineer at Acme, and Bo Kim, CTO at Acme.\n\nText.'),
    );
    expect(meta).toMatchObject({
      title: 'Wrapping Up KubeCon: Day Two',
      titleBlock: 0,
      bylineBlock: 2,
      publisher: 'Acme',
      series: { name: 'Wrapping Up KubeCon', part: 2, parts: 3 },
      authors: [
        { name: 'Ann Lee', jobTitle: 'Platform Engineer', organisation: 'Acme' },
        { name: 'Bo Kim', jobTitle: 'CTO', organisation: 'Acme' },
      ],
    });
  });

  it.each([
    [
      'a profile headline under the name, its tagline cut off',
      'Noor Vandermeulen\nSite Reliability Engineer at Brightpath Mobility | Kubernetes, on-call survivor\n\nBack from KubeCon.',
      [{ name: 'Noor Vandermeulen', jobTitle: 'Site Reliability Engineer', organisation: 'Brightpath Mobility' }],
      'Brightpath Mobility',
    ],
    [
      'a name and role on one line under the title',
      '# What we caught\n\n*Oren Baptiste, platform engineer at Tidewater Analytics*\n\nLondon was my third KubeCon.',
      [{ name: 'Oren Baptiste', jobTitle: 'platform engineer', organisation: 'Tidewater Analytics' }],
      'Tidewater Analytics',
    ],
    [
      'a byline on the second line of a block, the blog naming the publisher',
      'What was worth it\n\nPosted on the Redcliff Assurance blog, 8 January 2025\nBy Selin Aksoy, Principal Security Consultant\n\nEvery year we go.',
      [{ name: 'Selin Aksoy', jobTitle: 'Principal Security Consultant', organisation: 'Redcliff Assurance' }],
      'Redcliff Assurance',
    ],
    [
      '"three of us from X" naming the publisher of a digest',
      'Weekly digest\nCollected by Pedro Almeida, Engineering Manager, Platform team\n\nThree of us from Ferrovia Cloud were in Amsterdam.',
      [{ name: 'Pedro Almeida', jobTitle: 'Engineering Manager', organisation: 'Ferrovia Cloud' }],
      'Ferrovia Cloud',
    ],
    [
      'a plain-text masthead: title, writer with job and employer, and a date',
      'Trip report: FOSDEM 2025, Brussels\nTereza Dvořáková, DevOps engineer at Modrá Linka\nwritten on the train home, 2 February 2025\n\nThis was my third FOSDEM.\n\nSATURDAY\n\nStarted in the Nix room.',
      [{ name: 'Tereza Dvořáková', jobTitle: 'DevOps engineer', organisation: 'Modrá Linka' }],
      'Modrá Linka',
    ],
    [
      'a thread\'s display name with its handle over the date',
      'Kaddi Brenner (@kaddi@norden.social)\n31 Dec 2024, 14:02\n\n1/10 Home from #38C3.',
      [{ name: 'Kaddi Brenner', jobTitle: null, organisation: null }],
      null,
    ],
    [
      'a name and role over a line that only dates the post',
      'The security track: what held up\n\nDagny Holm, Principal Consultant, Saltire Security\nApril 2025\n\nEvery year a few clients ask us.',
      [{ name: 'Dagny Holm', jobTitle: 'Principal Consultant', organisation: 'Saltire Security' }],
      'Saltire Security',
    ],
    [
      'two hosts with roles in brackets, the byline ending at the next label',
      '# Pods & Pancakes, episode 57\n\n**Hosts:** Sofia Brandão (SRE at Northlake Bank) and Jonas Richter (Tallpine)\n**Recorded:** 31 March 2026\n\nSofia and Jonas compare notes.',
      [
        { name: 'Sofia Brandão', jobTitle: 'SRE', organisation: 'Northlake Bank' },
        { name: 'Jonas Richter', jobTitle: null, organisation: 'Tallpine' },
      ],
      null,
    ],
    [
      'the writer\'s employer in "I work … at"',
      '# London, part two\n\n*Posted on 12 April 2025 by Hamid Rezaei*\n\nI work on the platform team at Brackenridge Insurance, where we run clusters.',
      [{ name: 'Hamid Rezaei', jobTitle: null, organisation: 'Brackenridge Insurance' }],
      'Brackenridge Insurance',
    ],
  ])('reads %s', (_what, source, authors, publisher) => {
    expect(readMetadata(readArticle(source, detectArticleFormat(source, source.startsWith('#') ? 'a.md' : 'a.txt')))).toMatchObject({ authors, publisher });
  });

  it('keeps a chat message apart from the header line that ends in its time', () => {
    const doc = readArticle('Lukas Brandt (Senior SRE), 11:52\njust out of the drain talk. main lesson: stop draining by age', 'text');
    expect(doc.text).toBe('Lukas Brandt (Senior SRE), 11:52\njust out of the drain talk. main lesson: stop draining by age');
  });

  it.each([
    ['Ruby Nguyen, Marketing Coordinator at Max Kelsen, and Jacob O’Farrell, Technical Delivery Lead at Max Kelsen.', [
      ['Ruby Nguyen', 'Marketing Coordinator', 'Max Kelsen'],
      ['Jacob O’Farrell', 'Technical Delivery Lead', 'Max Kelsen'],
    ]],
    ['Jane Doe, Engineer, Big Company, and John Roe, Research and Development Lead @ Acme', [
      ['Jane Doe', 'Engineer', 'Big Company'],
      ['John Roe', 'Research and Development Lead', 'Acme'],
    ]],
    ['Sam Lee and Ada Byrne, Northwind Labs', [
      ['Sam Lee', null, 'Northwind Labs'],
      ['Ada Byrne', null, 'Northwind Labs'],
    ]],
    ['Maya Lindholm, Platform Engineer, and Arjun Bhatt, SRE, both at Tidewater Analytics', [
      ['Maya Lindholm', 'Platform Engineer', 'Tidewater Analytics'],
      ['Arjun Bhatt', 'SRE', 'Tidewater Analytics'],
    ]],
    ['Priya Raman (she/her) | 4 min read', [['Priya Raman', null, null]]],
    ['Pedro Almeida, Engineering Manager, Platform team', [['Pedro Almeida', 'Engineering Manager', null]]],
    ['Hedda Lindqvist, operations lead, with help from the rest of the co-op', [['Hedda Lindqvist', 'operations lead', null]]],
  ])('reads the byline "%s"', (line, expected) => {
    expect(parseByline(line).map((a) => [a.name, a.jobTitle, a.organisation])).toEqual(expected);
  });
});

describe('days of a conference', () => {
  const days = { first: '2025-03-31', count: 5 };
  const resolve = (text: string) => findDayExpressions(text).map((expression: DayExpression) => [expression.text, resolveDay(expression, days)]);

  it('resolves ordinals, weekdays and dates against the conference dates', () => {
    expect(resolve('On the second day, then Day Four, day 1 and the final day.')).toEqual([
      ['second day', 2],
      ['Day Four', 4],
      ['day 1', 1],
      ['final day', 5],
    ]);
    expect(resolve('Wednesday’s keynote, 3 April, April 4th, 2025-04-01, and 9 May')).toEqual([
      ['Wednesday’s', 3],
      ['3 April', 4],
      ['April 4th', 5],
      ['2025-04-01', 2],
      ['9 May', null],
    ]);
  });

  it('leaves alone phrases that name no day', () => {
    expect(findDayExpressions('his highlight of the day, from day one of the project? No: from the day after.').map((e) => e.text)).toEqual(['day one']);
    expect(findDayExpressions('what maintainers should do differently on Monday morning; back at work on Friday').map((e) => e.text)).toEqual([]);
  });
});

describe('names and cues', () => {
  it.each([
    [['annabelle', 'frost'], ['annabelle', 'frost'], 'exact'],
    [['anabelle', 'frost'], ['annabelle', 'frost'], 'variant'],
    [['annabelle', 'forst'], ['annabelle', 'frost'], 'variant'],
    [['matt', 'rose'], ['matthew', 'rose'], 'variant'],
    [['leo', 'didonato'], ['leo', 'di', 'donato'], 'joined'],
    [['ian', 'cold', 'water'], ['ian', 'coldwater'], 'joined'],
    [['ian', 'smith'], ['ian', 'coldwater'], null],
    [['ann', 'frost'], ['annabelle', 'frost'], 'variant'],
    [['belle', 'frost'], ['annabelle', 'frost'], null],
    [['jan', 'frost'], ['jon', 'frost'], null],
    [['lars', 'koenig'], ['lars', 'konig'], 'exact'],
    [['edgar', 'saumell'], ['edgar', 'saumell', 'oechsle'], 'variant'],
  ])('compares %j with the speaker %j: %s', (written, known, expected) => {
    expect(compareNames(written, known)).toBe(expected);
  });

  it.each([
    ['Ruby Nguyen', true],
    ['Leo Di Donato', true],
    ['Friday I', false],
    ['Really I', false],
    ['Sam J', false],
    ['Machine Learning Engineer', false],
    ['Thursday Deniz Arslan', false],
    ['What Sofia', false],
  ])('reads "%s" as a person’s name: %s', (phrase, expected) => {
    expect(looksLikePersonName(phrase)).toBe(expected);
  });

  it('folds accents and apostrophes the way identity does', () => {
    expect(words('Kārlis Akots-Gribulis, O’Farrell’s CI/CD')).toEqual(['karlis', 'akots', 'gribulis', 'ofarrell', 'ci', 'cd']);
  });

  /** The strongest finding in a sentence, clause by clause: [kind, cue] or "absent", or null. */
  const strongest = (sentence: string) => {
    const found = splitClauses(sentence, { start: 0, end: sentence.length }).map((clause) => readStance(sentence, clause, [], sentence.length));
    const cue = found.flatMap((stance) => stance.cues).sort((a, b) => a.tier - b.tier)[0];
    if (cue) return [cue.kind, cue.text];
    return found.some((stance) => stance.absence) ? 'absent' : null;
  };

  it.each([
    ['This talk was nominated by our Cloud Engineer as his highlight of the day.', ['DAY_HIGHLIGHT', 'as his highlight of the day']],
    ['Easily the highlight of my first day.', ['DAY_HIGHLIGHT', 'Easily the highlight of my first day']],
    ['For me it was the top of the day.', ['DAY_HIGHLIGHT', 'was the top of the day']],
    ['We highly recommend watching the recording.', ['RECOMMENDATION', 'We highly recommend watching']],
    ['Really I recomend this talk for all people.', ['RECOMMENDATION', 'Really I recomend this']],
    ['If you run models on a handful of GPUs, it is worth your time.', ['RECOMMENDATION', 'it is worth your time']],
    ['Everybody who owns one of those tags should watch it.', ['RECOMMENDATION', 'those tags should watch it']],
    ['It was not my favourite, and frankly it fell flat.', ['CRITIQUE', 'not my favourite']],
    ['I wasn’t convinced.', ['CRITIQUE', 'I wasn’t convinced']],
    ['Honestly for me it was not so convincing.', ['CRITIQUE', 'it was not so convincing']],
    ['Lena was less impressed by the roadmap.', ['CRITIQUE', 'Lena was less impressed by']],
    ['The research is solid, but they rushed through the attacks.', ['CRITIQUE', 'but they rushed through']],
    ['Stefan’s talk was solid, though I expected more on failures.', ['CRITIQUE', 'though I expected more on']],
    ['The beer recommendation system was fun.', ['HIGHLIGHT', 'recommendation system was fun']],
    ['It was the most honest migration talk I have seen in years.', ['HIGHLIGHT', 'was the most honest migration']],
    ['I was enjoying it from beginning to end.', ['HIGHLIGHT', 'I was enjoying it']],
    ['He learned that budgets beat bigger machines.', ['TAKEAWAY', 'He learned that']],
    ['What stuck with me: glitching still breaks those assumptions.', ['TAKEAWAY', 'What stuck with me']],
    ['Device plugins finally clicked for me.', ['TAKEAWAY', 'Device plugins finally clicked for']],
    ['Our Machine Learning Engineer went along.', null],
    ['Parsers disagree about polyglot files.', null],
    ['Which talk would you send a newcomer to?', null],
    ['I heard it was strong, so it is on my list.', null],
    ['Sadly missed the game show, the queue went round the corner.', 'absent'],
    ['I wanted to see it, but the hall was full.', 'absent'],
    ['The talk skipped over the recovery story.', ['CRITIQUE', 'The talk skipped over the']],
    ['As someone on a small team, this was the talk of the week for me.', ['HIGHLIGHT', 'was the talk of the week for']],
    ['It was a wall of slides at a speed I could not follow.', ['CRITIQUE', 'was a wall of slides at']],
    ['He was less generous about the transparency talk.', ['CRITIQUE', 'He was less generous about']],
    ['If you like documentation written by hackers, watch it.', ['RECOMMENDATION', 'If you like documentation written by hackers, watch it']],
    ['What I wrote down: the disclosure has to be about users.', ['TAKEAWAY', 'What I wrote down']],
    ['People at the co-working table later told us it was excellent.', null],
    ['I was still on a train from Ghent when it started.', 'absent'],
    ['This was the best thing I saw on Saturday.', ['DAY_HIGHLIGHT', 'was the best thing I saw on Saturday']],
    ['Honestly, not for me: it never got to the interesting bits.', ['CRITIQUE', 'not for me']],
    ['I wanted to like it more than I did.', ['CRITIQUE', 'I wanted to like it more than']],
    ['What I took from it: patience as a research method.', ['TAKEAWAY', 'What I took from it']],
    ['They wait for the numbers to disagree with theory.', null],
    ['It is the rare migration story that includes the boring parts.', null],
    ['Several of us had the panel marked as a must-see, but nobody got there.', 'absent'],
    ['Wout was a lot less enthusiastic about the last talk of the day.', ['CRITIQUE', 'a lot less enthusiastic about']],
    ['Callum recommends it to anyone who still answers "how much is team X using?" with a spreadsheet.', ['RECOMMENDATION', 'Callum recommends it']],
  ])('reads "%s"', (sentence, expected) => {
    expect(strongest(sentence)).toEqual(expected);
  });
});
