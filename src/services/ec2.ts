// EC2 launch templates: thin typed functions over @aws-sdk/client-ec2.
// Verb + noun names; client first, one input object of our own types; our own result types out.
export {};
