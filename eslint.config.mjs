// ESLint (flat config): Next's rules (core web vitals, TypeScript), the type-checked rules that catch
// real bugs here (promises, unsafe any flows, exhaustive switches), and the project's own boundary:
// code under app/ calls operations and never the database.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "lib/generated/**", "test-results/**", "bench-results/**", "backups/**", ".data/**", "next-env.d.ts", "prisma/seed-data/**"]),
  {
    files: ["**/*.ts", "**/*.tsx", "**/*.mts"],
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ["*.mts"] }, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/require-await": "off",
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      "@typescript-eslint/no-unnecessary-condition": "off",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }],
      "@typescript-eslint/no-explicit-any": "error",
      eqeqeq: ["error", "smart"],
      "no-console": ["error", { allow: ["warn", "error"] }],
      // A React Compiler hint (react-hook-form's watch() is not memoisable); the app does not use the compiler.
      "react-hooks/incompatible-library": "off",
      // A form handled by script, submitted before the script has loaded, is a plain HTML submission:
      // without method="post" its fields (a password) would go into the URL, the history and the logs.
      "no-restricted-syntax": [
        "error",
        {
          // (A form whose action is a server action posts already, and React refuses a method beside it.)
          selector:
            "JSXOpeningElement[name.name='form']:has(> JSXAttribute[name.name='onSubmit']):not(:has(> JSXAttribute[name.name='method'][value.value='post'])):not(:has(> JSXAttribute[name.name='action']))",
          message: 'A form with onSubmit needs method="post": submitted before hydration, its fields must not go into the URL.',
        },
      ],
    },
  },
  {
    // Scripts and tests talk to the console and the database directly.
    files: ["scripts/**", "tests/**", "e2e/**", "prisma.config.ts", "instrumentation.ts"],
    rules: { "no-console": "off" },
  },
  {
    files: ["app/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [{ name: "@/lib/db", message: "Pages, actions and route handlers call operations (lib/server/<entity>/<verb>.ts), never the database." }],
          patterns: [
            {
              group: ["@/lib/generated/prisma/*"],
              allowTypeImports: true,
              message: "Only types of the Prisma client may be used under app/; data comes from operations.",
            },
          ],
        },
      ],
    },
  },
]);
