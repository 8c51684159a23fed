// What `import doc from './graphql/x.graphql'` gives (web/graphql-documents.ts builds it).
declare module '*.graphql' {
  const document: import('./client').GraphQLDocument;
  export default document;
}
