// CloudWatch alarms and metrics: thin typed functions over @aws-sdk/client-cloudwatch.
// Verb + noun names; client first, one input object of our own types; our own result types out.
export {};
