/**
 * The files `kaoping init` writes: a rubric repository as its authors want it. The texts are templates with a few
 * holes (the rubric's id and title, the package's name, kaoping's version); every hole is filled with text checked
 * by init (an id, a package name) or written as a JSON string, which YAML 1.2 reads as the same string.
 */

/** What the holes are filled with. */
export interface Scaffold {
  /** The rubric id (checked: lower-case ASCII, digits and hyphens). */
  id: string
  /** The rubric's title (checked: no control characters). */
  title: string
  /** The npm package name of the repository (checked). */
  name: string
  /** The kaoping version the repository pins. */
  version: string
}

/**
 * Where the editor finds the rubric schema: relative to `rubrics/`, in the kaoping installed as a devDependency.
 * The shipped rubrics' `../schemas/rubric.schema.json` exists only inside the kaoping repository.
 */
export const SCHEMA_FROM_RUBRICS = '../node_modules/kaoping/schemas/rubric.schema.json'

/** The same file from the repository's root, as editor settings name it. */
export const SCHEMA_FROM_ROOT = './node_modules/kaoping/schemas/rubric.schema.json'

/** The globs the scripts and the workflow validate, and the editor settings map to the schema. */
export const RUBRIC_GLOB = 'rubrics/**/*.yaml'
export const TEST_GLOB = 'rubrics/**/*.test.yaml'

/** The files, by path relative to the repository's root (with `/`), in the order they are written. */
export function scaffoldFiles(s: Scaffold): Array<[path: string, text: string]> {
  return [
    [`rubrics/${s.id}.yaml`, rubric(s)],
    [`rubrics/${s.id}.test.yaml`, tests(s)],
    ['evidence/example.yaml', evidence(s)],
    ['package.json', packageJson(s)],
    ['.github/workflows/kaoping.yml', workflow()],
    ['.vscode/settings.json', vscodeSettings()],
    ['.vscode/extensions.json', vscodeExtensions()],
    ['README.md', readme(s)],
    ['.gitignore', 'node_modules/\n'],
  ]
}

// A small method of three items of the commonest kinds (a yes/no check, a deduction per percentage point, a score
// the assessors give), threshold grades and one parameter: enough to show each part, valid without a warning.
function rubric(s: Scaffold): string {
  return `# yaml-language-server: $schema=${SCHEMA_FROM_RUBRICS}
# 由 kaoping init 生成的示例考评办法: 请按实际文件改写标题、事实(facts)和评分项目(items)。
# An example method written by kaoping init: rewrite its title, facts and items after your document.
# The language: node_modules/kaoping/docs/rubric-language.md. Check it: npm run validate. Test it: npm test.
kaoping: 1
id: ${s.id}
title: ${JSON.stringify(s.title)}
subjects:
  title: 各被考评单位
total: 100
rounding: { places: 2, mode: half-up }
missing: error

params:
  passMark:
    type: number
    default: 60
    min: 0
    max: 100
    title: 合格分数线
    source: 四
    note: A parameter keeps a choice the text leaves open; override it per round with --param passMark=70.

facts:
  planSubmitted: { type: boolean, title: 按时报送年度工作计划, source: 三(一) }
  completionRate: { type: rate, title: 重点任务完成率, source: 三(二) }
  workQuality: { type: number, min: 0, max: 40, title: 工作质量评定(0—40分), source: 三(三) }

items:
  # 三(一) 按时报送年度工作计划得20分, 否则不得分
  - { kind: check, id: plan, title: 一、按时报送年度工作计划, source: 三(一), max: 20, fact: planSubmitted }

  # 三(二) 重点任务全部完成得40分; 每低1个百分点扣1分(不足1个百分点按1个百分点计), 扣完为止
  - kind: deduct
    id: completion
    title: 二、重点任务完成情况
    source: 三(二)
    max: 40
    fact: completionRate
    target: 1
    step: 0.01
    points: 1
    rounding: ceil
    floor: 0

  # 三(三) 工作质量由考评组评定, 0—40分
  - { kind: judged, id: quality, title: 三、工作质量, source: 三(三), min: 0, max: 40, fact: workQuality }

grades:
  order: [优秀, 良好, 合格, 不合格]
  source: 四
  thresholds:
    - { grade: 优秀, min: 90 }
    - { grade: 良好, min: 80 }
    - { grade: 合格, min: { param: passMark } }
    - { grade: 不合格 }
`
}

// Every expected number is worked out beside its case, as a reviewer checks it.
function tests(s: Scaffold): string {
  return `# Test cases for rubrics/${s.id}.yaml — run with: npm test (kaoping test)
# 测试用例: 每个期望值都在旁边写明算法。改写考评办法后, 请同时改写这些用例。
#
# The base subject: plan submitted (20), every task done (40), quality 36 → total 96.
rubric: ${s.id}

base:
  facts: { planSubmitted: true, completionRate: 1, workQuality: 36 }

cases:
  # 20 + 40 + 36 = 96 ≥ 90 → 优秀
  - name: all done, quality 36 → 96, 优秀
    subject: { id: a }
    expect:
      a: { total: 96, grade: 优秀, items: { plan: 20, completion: 40, quality: 36 } }

  # no plan → 0; 87.5% done: 12.5 percentage points short, a started point counts whole (ceil) → 13,
  # 40 − 13 = 27; total 0 + 27 + 36 = 63 ≥ 60 (passMark) → 合格
  - name: no plan and 87.5% done → 63, 合格
    subject: { id: b, facts: { planSubmitted: false, completionRate: 0.875 } }
    expect:
      b: { total: 63, grade: 合格, items: { plan: 0, completion: 27, quality: 36 } }

  # the same subject with passMark 70: 63 < 70 → 不合格
  - name: with passMark 70 the same 63 is 不合格
    params: { passMark: 70 }
    subject: { id: b, facts: { planSubmitted: false, completionRate: 0.875 } }
    expect:
      b: { total: 63, grade: 不合格 }
`
}

// Evidence to score straight away (the README's commands), the same two subjects as the test cases.
function evidence(s: Scaffold): string {
  return `# 示例证据: 每个被考评单位的事实 / Example evidence: each subject's facts (node_modules/kaoping/docs/evidence.md)
# npx kaoping score rubrics/${s.id}.yaml evidence/example.yaml
rubric: ${s.id}
subjects:
  - { id: a, name: 甲单位, facts: { planSubmitted: true, completionRate: 1, workQuality: 36 } }
  - { id: b, name: 乙单位, facts: { planSubmitted: false, completionRate: 0.875, workQuality: 36 } }
`
}

function packageJson(s: Scaffold): string {
  const pkg = {
    name: s.name,
    private: true,
    description: s.title,
    scripts: {
      validate: `kaoping validate '${RUBRIC_GLOB}'`,
      test: 'kaoping test',
    },
    // the exact version: a rubric's scores change only when the repository chooses to upgrade (and reruns its tests)
    devDependencies: { kaoping: s.version },
  }
  return JSON.stringify(pkg, null, 2) + '\n'
}

// kaoping runs from node_modules (npm ci installs the locked version). `npx --no`: where there is no terminal (CI),
// npx assumes --yes and would fetch whatever package has that name when it is not installed; --no makes a missing
// install an error instead.
function workflow(): string {
  return `# Checks the rubrics on every push and pull request: problems are annotated on the lines of the pull
# request, and a test case that no longer gives what it expects fails the job.
name: kaoping
on: [push, pull_request]
jobs:
  rubrics:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - run: npx --no kaoping validate '${RUBRIC_GLOB}' --format github
      - run: npx --no kaoping test --format github
`
}

// Rubrics without the modeline get the schema too; the test files beside them are not rubrics.
function vscodeSettings(): string {
  const settings = {
    'yaml.schemas': { [SCHEMA_FROM_ROOT]: [RUBRIC_GLOB, `!${TEST_GLOB}`] },
    // kaoping reads YAML 1.2 (yes/no are text); so should the editor
    'yaml.yamlVersion': '1.2',
  }
  return JSON.stringify(settings, null, 2) + '\n'
}

function vscodeExtensions(): string {
  return JSON.stringify({ recommendations: ['redhat.vscode-yaml'] }, null, 2) + '\n'
}

function readme(s: Scaffold): string {
  return `# ${s.title}

考评办法的 kaoping 规则文件 (rubric): \`rubrics/${s.id}.yaml\`, 测试用例: \`rubrics/${s.id}.test.yaml\`。
The assessment method as a kaoping rubric, \`rubrics/${s.id}.yaml\`, with its test cases beside it.

## 安装 Install

\`\`\`sh
npm install          # 安装 kaoping (devDependency); 请提交生成的 package-lock.json / commit package-lock.json
\`\`\`

## 检查 Validate

\`\`\`sh
npm run validate     # kaoping validate '${RUBRIC_GLOB}': YAML, schema, references, sums, linter
\`\`\`

在 VS Code 中打开本目录并安装推荐的 YAML 扩展 (redhat.vscode-yaml), 编辑规则文件时即可获得补全和检查。
Open the folder in VS Code with the recommended YAML extension: rubric files are completed and checked as you type
(the schema is \`${SCHEMA_FROM_ROOT}\`, see .vscode/settings.json).

## 测试 Test

\`\`\`sh
npm test             # kaoping test: every rubrics/*.test.yaml
\`\`\`

## 评分 Score

\`\`\`sh
npx kaoping score rubrics/${s.id}.yaml evidence/example.yaml               # 总分、等次、排名 / totals, grades, ranks
npx kaoping explain rubrics/${s.id}.yaml evidence/example.yaml --subject b # 每个分数的计算过程 / the trail of every number
npx kaoping template rubrics/${s.id}.yaml --out evidence.xlsx              # 录入证据的 Excel 表格 / a workbook to fill in
\`\`\`

GitHub Actions (\`.github/workflows/kaoping.yml\`) 在每次推送和拉取请求时运行检查和测试。
The workflow runs the same checks and tests on every push and pull request.

文档 / Docs: \`node_modules/kaoping/docs/\` (rubric-language.md, evidence.md, cli.md, editor.md).
`
}
