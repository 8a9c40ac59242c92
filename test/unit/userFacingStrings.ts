// Finds English shown to the user that does not go through l10n.t, by reading the TypeScript syntax tree: a string
// literal or template with words in it, in a place VS Code shows (a message, a picker, a tree item, a progress title,
// a hover, a diagnostic, a code action, a webview panel's title), that is not l10n.t's first argument. It also
// flags l10n.t calls whose first argument is not a plain string literal: VS Code's l10n tooling cannot extract
// those, and l10n.t at a module's top level (it would run before the bundle is configured). Values computed elsewhere (a variable, another call) are not followed: their own file is scanned.
import * as ts from 'typescript';

export interface Finding {
  line: number;
  text: string;
  why: string;
}

/** Calls whose every string argument is shown: window.show*Message's message and its buttons. */
const messageCalls = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage', 'setStatusBarMessage']);

/** Markdown built piece by piece: every piece is shown. */
const markdownCalls = new Set(['appendMarkdown', 'appendText']);

/**
 * Properties whose value is shown, in an object literal (QuickPickItem, MessageItem, withProgress and input box
 * options, CodeLens commands, progress reports) or assigned (tree items, quick picks, input boxes, status bar items).
 */
const shownProperties = new Set([
  'label', 'description', 'detail', 'tooltip', 'title', 'placeHolder', 'placeholder', 'prompt', 'validationMessage',
  'message', 'text', 'buttonLabel', 'openLabel', 'saveLabel',
]);

/**
 * Constructors whose argument at the given position is shown: VS Code's, and the project's failures, whose message
 * the VS Code layer shows as it is (each takes its kind first, then the message; ParseFailure its message alone).
 */
const shownConstructorArguments: Record<string, number> = {
  TreeItem: 0, CodeAction: 0, Diagnostic: 1, MarkdownString: 0, DiagnosticRelatedInformation: 1, TaskGroup: 1,
  HttpFailure: 1, OktaFailure: 1, SalesforceFailure: 1, SalesforceWriteFailure: 1, SignInFailure: 1, SfCliFailure: 1, ParseFailure: 0,
};

/**
 * Literals with letters that are not text for a translator, each alone in its string: a codicon as VS Code draws it
 * ('$(key)'), a web address or a host name given as an example or a choice ('https://acme.my.salesforce.com',
 * 'login.salesforce.com'), the start of an id in a placeholder ('0oa…', '3MVG9…'). Anything else with a letter in it
 * is text. Literals without letters (separators such as ' · ', punctuation, '') are not text.
 */
const notText = [/^\$\([a-z0-9-~]+\)$/, /^https?:\/\/[^\s]+$/, /^[a-z0-9-]+(\.[a-z0-9-]+)+\.[a-z]{2,}$/, /^[A-Za-z0-9]{2,6}…$/];

/** Whether a literal part of a string holds words a translator would translate. */
function isText(literal: string): boolean {
  const trimmed = literal.trim();
  if (notText.some((pattern) => pattern.test(trimmed))) return false;
  // Codicons inside a longer string (`$(key) ${name}`) are drawn, not read.
  return /\p{L}/u.test(trimmed.replace(/\$\([a-z0-9-~]+\)/g, ''));
}

/** `l10n.t(...)` or `vscode.l10n.t(...)`. */
function isL10nCall(node: ts.Node): node is ts.CallExpression {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || node.expression.name.text !== 't') return false;
  const owner = node.expression.expression;
  return (ts.isIdentifier(owner) && owner.text === 'l10n') || (ts.isPropertyAccessExpression(owner) && owner.name.text === 'l10n');
}

/** The name of what is called or constructed: `vscode.window.showQuickPick` → showQuickPick. */
function calleeName(expression: ts.Expression): string | undefined {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  return undefined;
}

function propertyName(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

/** Whether a class extends vscode.TreeItem (its super(label, …) call names the item). */
function extendsTreeItem(node: ts.Node): boolean {
  for (let at: ts.Node | undefined = node; at; at = at.parent) {
    if (ts.isClassDeclaration(at) || ts.isClassExpression(at)) {
      return (at.heritageClauses ?? []).some((clause) => clause.types.some((type) => calleeName(type.expression) === 'TreeItem'));
    }
  }
  return false;
}

/** Whether code runs later than the module's loading: inside a function, a method or an accessor. */
function insideFunction(node: ts.Node): boolean {
  for (let at = node.parent; at; at = at.parent) if (ts.isFunctionLike(at)) return true;
  return false;
}

export function findUnlocalizedStrings(fileName: string, source: string): Finding[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const findings: Finding[] = [];
  const report = (node: ts.Node, why: string) => findings.push({
    line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1, text: node.getText(file), why,
  });

  /** Flags the English in an expression that ends up on screen, following the ways it is put together. */
  function checkShown(node: ts.Expression | undefined, why: string): void {
    if (!node) return;
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node)) {
      checkShown(node.expression, why);
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (isText(node.text)) report(node, why);
    } else if (ts.isTemplateExpression(node)) {
      if ([node.head.text, ...node.templateSpans.map((span) => span.literal.text)].some(isText)) report(node, why);
      // The substitutions are shown too: `${count === 1 ? 'profile' : 'profiles'}`.
      for (const span of node.templateSpans) checkShown(span.expression, why);
    } else if (ts.isBinaryExpression(node) && [ts.SyntaxKind.PlusToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(node.operatorToken.kind)) {
      checkShown(node.left, why);
      checkShown(node.right, why);
    } else if (ts.isConditionalExpression(node)) {
      checkShown(node.whenTrue, why);
      checkShown(node.whenFalse, why);
    } else if (ts.isArrayLiteralExpression(node)) {
      for (const element of node.elements) checkShown(element as ts.Expression, why);
    } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'join') {
      // ['…', '…'].join(' '): the parts are shown, the separator is not text.
      checkShown(node.expression.expression, why);
    }
    // An object literal here is checked by its own properties; identifiers and other calls are followed in their own files.
  }

  function visit(node: ts.Node): void {
    if (ts.isTaggedTemplateExpression(node) && node.tag.getText(file) === 'html') checkMarkup(node);
    if (isL10nCall(node)) {
      const first = node.arguments[0];
      const literalMessage = first && ts.isObjectLiteralExpression(first)
        ? first.properties.some((property) => ts.isPropertyAssignment(property) && propertyName(property.name) === 'message' && ts.isStringLiteral(property.initializer))
        : first !== undefined && ts.isStringLiteral(first);
      if (!literalMessage) report(node, 'l10n.t needs a plain string literal as its first argument (the l10n tooling cannot extract anything else)');
      if (!insideFunction(node)) report(node, 'l10n.t runs when the module loads, before the bundle is configured: call it where the text is made');
      // The message is the bundle key; the other arguments are values put into it, checked like any shown text.
      for (const argument of node.arguments.slice(1)) checkShown(argument, 'an argument of l10n.t');
      return;
    }
    if (ts.isCallExpression(node)) {
      const name = calleeName(node.expression);
      if (name && messageCalls.has(name)) {
        for (const argument of node.arguments) checkShown(argument, `${name}`);
      } else if (name && markdownCalls.has(name)) {
        checkShown(node.arguments[0], name);
      } else if (name === 'show' && ts.isPropertyAccessExpression(node.expression) && /reports$/i.test(node.expression.expression.getText(file))) {
        // ReportDocuments.show(title, text): a report's title and contents.
        checkShown(node.arguments[0], 'a report title');
        checkShown(node.arguments[1], 'a report');
      } else if (name === 'createWebviewPanel') {
        checkShown(node.arguments[1], 'a webview panel title');
      } else if (name === 'super' || node.expression.kind === ts.SyntaxKind.SuperKeyword) {
        if (extendsTreeItem(node)) checkShown(node.arguments[0], 'a tree item label');
      }
    }
    if (ts.isNewExpression(node)) {
      const name = calleeName(node.expression);
      const at = name === undefined ? undefined : shownConstructorArguments[name];
      if (at !== undefined) checkShown(node.arguments?.[at], `new ${name}`);
    }
    if (ts.isPropertyAssignment(node)) {
      const name = propertyName(node.name);
      if (name && shownProperties.has(name)) checkShown(node.initializer, `the ${name} shown`);
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) {
      const name = node.left.name.text;
      if (shownProperties.has(name)) checkShown(node.right, `the ${name} shown`);
    }
    if (ts.isPropertyAssignment(node) && propertyName(node.name) === 'validateInput' && (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))) {
      checkReturns(node.initializer, 'an input box validation message');
    }
    ts.forEachChild(node, visit);
  }

  /**
   * A lit template (the webview): the text between its tags, and the attributes read out or shown (aria-label,
   * title, placeholder, alt, label) written in the template rather than bound to a value.
   */
  function checkMarkup(node: ts.TaggedTemplateExpression): void {
    const template = node.template;
    const parts = ts.isNoSubstitutionTemplateLiteral(template) ? [template.text] : [template.head.text, ...template.templateSpans.map((span) => span.literal.text)];
    // A value bound in the template becomes a marker that is neither text nor markup.
    const marker = '\u2063';
    const markup = parts.join(marker);
    const shownAttribute = /\b(?:aria-label|title|placeholder|alt|label)="([^"]*)"/g;
    const attributes = [...markup.matchAll(shownAttribute)].map((match) => match[1].replaceAll(marker, ' '));
    const between = markup.replace(/<[^>]*>/g, ' ').split(marker);
    if ([...attributes, ...between].some(isText)) report(node, 'text in a lit template');
  }

  /** What a function returns is shown (an input box's validateInput). */
  function checkReturns(fn: ts.ArrowFunction | ts.FunctionExpression, why: string): void {
    if (!ts.isBlock(fn.body)) {
      checkShown(fn.body, why);
      return;
    }
    const walk = (node: ts.Node): void => {
      if (ts.isReturnStatement(node)) checkShown(node.expression, why);
      else if (!ts.isFunctionLike(node)) ts.forEachChild(node, walk);
    };
    walk(fn.body);
  }

  visit(file);
  return findings;
}
