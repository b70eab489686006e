import { graphql } from './generated';

export const ENTRY_SUMMARY_DOCUMENTS = graphql(`
  query ConsoleEntrySummaryDocuments($id: ID!) {
    filing(id: $id) {
      id
      documents {
        ...DocumentRow
      }
    }
  }
`);

export const DOCUMENT_ROW = graphql(`
  fragment DocumentRow on Document {
    id
    kind
    fileName
    contentType
    size
    uploadedBy
    uploadedAt
    downloadUrl
  }
`);

export const REQUEST_DOCUMENT_UPLOAD = graphql(`
  mutation ConsoleRequestDocumentUpload($input: RequestDocumentUploadInput!) {
    requestDocumentUpload(input: $input) {
      id
      uploadUrl
      expiresAt
    }
  }
`);
