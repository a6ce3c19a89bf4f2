// Auto Scaling groups and scaling policies: thin typed functions over @aws-sdk/client-auto-scaling.
// Verb + noun names; client first, one input object of our own types; our own result types out.
export {};
